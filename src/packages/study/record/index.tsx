import { useEffect, useState } from 'react';
import Taro, { useRouter } from '@tarojs/taro';
import { View, Text } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import { PageShell } from '../../../components/PageShell';
import { useRemote } from '../../../hooks/useRemote';
import { useSubmit } from '../../../hooks/useSubmit';
import { askAt } from '../../../utils/subscribe';
import { call, errorMessage } from '../../../api/client';
import { fmtStamp } from '../../../domain/appointment';
import { charCount, fmtDeadline, recordShortfall } from '../../../domain/study';
import { GroupGate } from '../components/GroupGate';
import { TextBox } from '../../../components/TextBox';
import '../study.scss';

/** The month's 自学记录: write it, keep improving it until the month ends (park time). */
export default function Record() {
  const groupId = useRouter().params.groupId ?? '';
  const data = useRemote(() => call('study', 'getRecord', { groupId }), [groupId]);
  const [text, setText] = useState('');
  const [error, setError] = useState('');
  const d = data.data;

  useEffect(() => {
    if (d?.record) setText(d.record.content);
  }, [d?.record?.content]);

  const save = useSubmit(async () => {
    if (!d) return;
    const short = recordShortfall(text, d.minChars);
    if (short) {
      setError(`自学记录至少 ${d.minChars} 字（不计空格），${short}。`);
      return;
    }
    setError('');
    // Inside the tap, before any await: next month's 学习提醒.
    void askAt('study');
    try {
      await call('study', 'saveRecord', { groupId, month: d.month, content: text.trim() });
      void Taro.showToast({ title: '已保存', icon: 'success' });
      void data.reload();
    } catch (e) {
      setError(errorMessage(e));
    }
  });

  const n = charCount(text);
  return (
    <PageShell>
      <View className="rp-page">
        <GroupGate loading={data.loading && !d} error={data.error} onRetry={() => void data.reload()} rows={6}>
          {d && (
            <>
              <View className="rp-card">
                <Text className="rp-muted">{d.group.name}</Text>
                <Text className="rp-title st-line">{d.monthLabel}自学记录</Text>
                {d.topicTitle ? <Text className="rp-text st-line">本月专题：{d.topicTitle}</Text> : null}
                <Text className="rp-muted st-line">
                  写下本月学了什么、有什么体会、准备怎样落实到工作中。至少 {d.minChars} 字，{d.editable ? `${fmtDeadline(d.editableUntil)} 前可以随时修改。` : '本月已截止，不能再修改。'}
                </Text>
                {d.record ? <Text className="rp-muted st-line">上次保存：{fmtStamp(d.record.updatedAt)}</Text> : null}
              </View>
              <View className="rp-card">
                {d.editable ? (
                  <>
                    <TextBox
                      id="st-record"
                      label="学习体会"
                      multiline
                      tall
                      value={text}
                      onChange={(v) => {
                        setText(v);
                        setError('');
                      }}
                      placeholder="例如：本月重温了入党誓词，对照党员义务，我在……方面还有差距，下一步……"
                      maxLength={d.maxChars}
                      error={error}
                      hint={`已写 ${n} 字${recordShortfall(text, d.minChars) ? `，${recordShortfall(text, d.minChars)}` : '，已达到字数要求'}`}
                    />
                    <View className="rp-actions">
                      <Button type="primary" size="large" block loading={save.loading} onClick={() => void save.run()}>
                        {save.loading ? '正在保存…' : d.record ? '保存修改' : '提交自学记录'}
                      </Button>
                    </View>
                  </>
                ) : (
                  <Text className="st-body">{d.record?.content ?? '本月没有撰写自学记录。'}</Text>
                )}
              </View>
            </>
          )}
        </GroupGate>
      </View>
    </PageShell>
  );
}
